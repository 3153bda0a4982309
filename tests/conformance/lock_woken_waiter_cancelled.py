# SEMANTICS.md §7 ("cancelling a woken waiter") + §14: B was handed the lock but cancelled before
# it resumed; B gets CancelledError and wakes the next waiter C, so the lock is not lost.
import asyncio


async def waiter(lock, name):
    print(f"{name} wants lock")
    try:
        async with lock:
            print(f"{name} acquired")
            await asyncio.sleep(0)
            print(f"{name} releasing")
    except asyncio.CancelledError:
        print(f"{name} got CancelledError, locked =", lock.locked())
        raise


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    print("main acquired")
    tb = asyncio.create_task(waiter(lock, "B"))
    tc = asyncio.create_task(waiter(lock, "C"))
    await asyncio.sleep(0)
    lock.release()
    print("main released (B woken)")
    print("main cancels B, cancel() returned", tb.cancel())
    try:
        await tb
    except asyncio.CancelledError:
        print("main: B is cancelled:", tb.cancelled())
    await tc
    print("main done, locked =", lock.locked())


asyncio.run(main())
