# SEMANTICS.md §7: Lock waiters are served FIFO by acquire() call time; the releaser that
# re-acquires at once queues behind the waiters (no barging) although locked() is False.
import asyncio


async def holder(lock):
    await lock.acquire()
    print("A acquired")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("A releasing")
    lock.release()
    print("A sees locked() =", lock.locked())
    print("A re-acquiring")
    await lock.acquire()
    print("A re-acquired")
    lock.release()


async def waiter(lock, name, pre_yields):
    for _ in range(pre_yields):
        await asyncio.sleep(0)
    print(f"{name} wants lock")
    async with lock:
        print(f"{name} acquired")
        await asyncio.sleep(0)
        print(f"{name} releasing")


async def main():
    lock = asyncio.Lock()
    ta = asyncio.create_task(holder(lock))
    tb = asyncio.create_task(waiter(lock, "B", 1))
    tc = asyncio.create_task(waiter(lock, "C", 0))
    await ta
    await tb
    await tc
    print("main done, locked =", lock.locked())


asyncio.run(main())
