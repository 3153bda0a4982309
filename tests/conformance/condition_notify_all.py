# SEMANTICS.md §10: notify_all() wakes every waiter; they re-acquire the lock one at a time
# in wakeup (wait() FIFO) order.
import asyncio


async def waiter(cond, name, pre_yields):
    for _ in range(pre_yields):
        await asyncio.sleep(0)
    async with cond:
        print(f"{name} waiting")
        await cond.wait()
        print(f"{name} re-acquired lock")
        await asyncio.sleep(0)
        print(f"{name} releasing")


async def main():
    cond = asyncio.Condition()
    tasks = [
        asyncio.create_task(waiter(cond, "A", 1)),
        asyncio.create_task(waiter(cond, "B", 0)),
        asyncio.create_task(waiter(cond, "C", 2)),
    ]
    for _ in range(3):
        await asyncio.sleep(0)
    async with cond:
        print("main notify_all()")
        cond.notify_all()
        print("main releasing")
    for t in tasks:
        await t
    print("main done")


asyncio.run(main())
