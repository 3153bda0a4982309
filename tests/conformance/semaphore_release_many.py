# SEMANTICS.md §8: N release() calls in one step wake N distinct waiters in FIFO (acquire) order;
# they resume in that order, each holding a unit handed over to it.
import asyncio


async def waiter(sem, name, pre_yields):
    for _ in range(pre_yields):
        await asyncio.sleep(0)
    print(f"{name} waiting")
    await sem.acquire()
    print(f"{name} acquired")


async def main():
    sem = asyncio.Semaphore(0)
    tasks = [
        asyncio.create_task(waiter(sem, "W1", 2)),
        asyncio.create_task(waiter(sem, "W2", 0)),
        asyncio.create_task(waiter(sem, "W3", 1)),
        asyncio.create_task(waiter(sem, "W4", 3)),
    ]
    for _ in range(4):
        await asyncio.sleep(0)
    print("main releases 3 times")
    sem.release()
    sem.release()
    sem.release()
    print("main released")
    await asyncio.sleep(0)
    print("main after one sleep(0)")
    sem.release()
    for t in tasks:
        await t
    print("main done")


asyncio.run(main())
