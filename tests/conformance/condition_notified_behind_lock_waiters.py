# SEMANTICS.md §10: a notified task re-acquires through a normal Lock.acquire(), so it queues
# behind X, which was already blocked in `async with cond` when the notification happened.
import asyncio


async def cond_waiter(cond):
    async with cond:
        print("A waiting on condition")
        await cond.wait()
        print("A re-acquired lock")


async def lock_user(cond):
    print("X wants the lock")
    async with cond:
        print("X acquired lock")
        await asyncio.sleep(0)
        print("X releasing")


async def main():
    cond = asyncio.Condition()
    ta = asyncio.create_task(cond_waiter(cond))
    await asyncio.sleep(0)
    async with cond:
        print("main holds lock")
        tx = asyncio.create_task(lock_user(cond))
        await asyncio.sleep(0)
        print("main notify()")
        cond.notify()
        print("main releasing")
    await ta
    await tx
    print("main done")


asyncio.run(main())
