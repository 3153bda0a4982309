# SEMANTICS.md §7 + §14: cancelling a blocked Lock waiter (even the head one, in the same step
# as release()) passes the lock on to the next waiter; no unit is lost.
import asyncio


async def waiter(lock, name):
    print(f"{name} wants lock")
    try:
        async with lock:
            print(f"{name} acquired")
            await asyncio.sleep(0)
            print(f"{name} releasing")
    except asyncio.CancelledError:
        print(f"{name} cancelled while waiting")
        raise


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    print("main acquired")
    tb = asyncio.create_task(waiter(lock, "B"))
    tc = asyncio.create_task(waiter(lock, "C"))
    td = asyncio.create_task(waiter(lock, "D"))
    await asyncio.sleep(0)
    print("main cancels B (head waiter) and releases in one step")
    tb.cancel()
    lock.release()
    print("main released, locked =", lock.locked())
    for t in (tb, tc, td):
        try:
            await t
        except asyncio.CancelledError:
            pass
    print("B cancelled:", tb.cancelled(), "C cancelled:", tc.cancelled(), "D cancelled:", td.cancelled())
    print("main done, locked =", lock.locked())


asyncio.run(main())
