# SEMANTICS.md §10: notify(1) wakes only the first waiter (FIFO by wait() call); the woken task
# re-acquires the lock only after the notifier releases it.
import asyncio


async def waiter(cond, name):
    async with cond:
        print(f"{name} waiting")
        await cond.wait()
        print(f"{name} notified, holds lock = {cond.locked()}")


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(cond, n)) for n in ("A", "B", "C")]
    await asyncio.sleep(0)
    for round_no in range(3):
        async with cond:
            print(f"main notify(1) round {round_no}")
            cond.notify(1)
            await asyncio.sleep(0)
            print(f"main releasing after round {round_no}")
        await asyncio.sleep(0)
    for t in tasks:
        await t
    print("main done")


asyncio.run(main())
