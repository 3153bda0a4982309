# SEMANTICS.md §8: Semaphore.release() hands the unit directly to the first waiter (FIFO);
# the releaser re-acquiring at once queues behind the existing waiters.
import asyncio


async def holder(sem):
    await sem.acquire()
    print("A acquired")
    await asyncio.sleep(0)
    print("A releasing")
    sem.release()
    print("A sees locked() =", sem.locked())
    print("A re-acquiring")
    await sem.acquire()
    print("A re-acquired")
    sem.release()


async def waiter(sem, name, pre_yields):
    for _ in range(pre_yields):
        await asyncio.sleep(0)
    print(f"{name} wants unit")
    async with sem:
        print(f"{name} acquired")
        await asyncio.sleep(0)
        print(f"{name} releasing")


async def main():
    sem = asyncio.Semaphore(1)
    ta = asyncio.create_task(holder(sem))
    tb = asyncio.create_task(waiter(sem, "B", 0))
    tc = asyncio.create_task(waiter(sem, "C", 0))
    await ta
    await tb
    await tc
    print("main done, locked =", sem.locked())


asyncio.run(main())
