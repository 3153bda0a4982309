# SEMANTICS.md §5 + §4: tasks sleeping the same delay wake in timer registration order
# (effective order is (when, registration seq)), whatever their creation order.
import asyncio


async def sleeper(name, pre_yields):
    for _ in range(pre_yields):
        await asyncio.sleep(0)
    print(f"{name} registers sleep(0.1)")
    await asyncio.sleep(0.1)
    print(f"{name} woke")


async def main():
    tasks = [
        asyncio.create_task(sleeper("A", 2)),
        asyncio.create_task(sleeper("B", 0)),
        asyncio.create_task(sleeper("C", 1)),
        asyncio.create_task(sleeper("D", 0)),
    ]
    for t in tasks:
        await t
    print("main done")


asyncio.run(main())
