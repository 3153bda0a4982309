# SEMANTICS.md §8: locked() is True while any non-cancelled waiter is queued, even with a free unit,
# so a newcomer (main) queues behind the woken waiters instead of barging; W1 chain-wakes it.
import asyncio


async def waiter(sem, name):
    print(f"{name} waiting")
    await sem.acquire()
    print(f"{name} acquired")


async def main():
    sem = asyncio.Semaphore(0)
    w1 = asyncio.create_task(waiter(sem, "W1"))
    w2 = asyncio.create_task(waiter(sem, "W2"))
    await asyncio.sleep(0)
    print("main releases 3 times (2 handed to W1, W2; 1 unit left free)")
    sem.release()
    sem.release()
    sem.release()
    print("main sees locked() =", sem.locked())
    print("main (newcomer) acquiring")
    await sem.acquire()
    print("main acquired")
    await w1
    await w2
    print("main done, locked =", sem.locked())


asyncio.run(main())
