# SEMANTICS.md §12: Barrier(2) used for two cycles; tasks arriving while it drains wait for the
# last leaver to reset it to FILLING, then start the next cycle with indices 0, 1.
import asyncio


async def party(barrier, name, pre_yields):
    for _ in range(pre_yields):
        await asyncio.sleep(0)
    print(f"{name} arrives")
    index = await barrier.wait()
    print(f"{name} passed with index {index}")


async def twice(barrier, name):
    for cycle in range(2):
        index = await barrier.wait()
        print(f"{name} cycle {cycle} index {index}")


async def main():
    barrier = asyncio.Barrier(2)
    tasks = [
        asyncio.create_task(party(barrier, "A", 0)),
        asyncio.create_task(party(barrier, "B", 0)),
        asyncio.create_task(party(barrier, "C", 0)),
        asyncio.create_task(party(barrier, "D", 0)),
    ]
    for t in tasks:
        await t
    print("now A2 and B2 each pass the barrier twice")
    t1 = asyncio.create_task(twice(barrier, "A2"))
    t2 = asyncio.create_task(twice(barrier, "B2"))
    await t1
    await t2
    print("main done")


asyncio.run(main())
