# SEMANTICS.md §5: due timers are ordered by deadline, ties by registration order:
# E (shorter delay) first, then B, C (registered in their first step), then A, D (after a sleep(0)).
import asyncio


async def sleeper(name, pre_yields, delay):
    for _ in range(pre_yields):
        await asyncio.sleep(0)
    await asyncio.sleep(delay)
    print(f"{name} woke")


async def main():
    tasks = [
        asyncio.create_task(sleeper("A", 1, 0.1)),
        asyncio.create_task(sleeper("B", 0, 0.1)),
        asyncio.create_task(sleeper("C", 0, 0.1)),
        asyncio.create_task(sleeper("D", 1, 0.1)),
        asyncio.create_task(sleeper("E", 0, 0.05)),
    ]
    for t in tasks:
        await t
    print("main done")


asyncio.run(main())
