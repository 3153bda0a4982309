# SEMANTICS.md §12: the task that trips Barrier(3) does not suspend and returns first with
# index parties-1; the other parties follow in cond-wait FIFO order with indices 0, 1.
import asyncio


async def party(barrier, name, pre_yields):
    for _ in range(pre_yields):
        await asyncio.sleep(0)
    print(f"{name} arrives, n_waiting = {barrier.n_waiting}")
    index = await barrier.wait()
    print(f"{name} passed with index {index}")


async def main():
    barrier = asyncio.Barrier(3)
    tasks = [
        asyncio.create_task(party(barrier, "A", 1)),
        asyncio.create_task(party(barrier, "B", 0)),
        asyncio.create_task(party(barrier, "C", 2)),
    ]
    for t in tasks:
        await t
    print("after trip: n_waiting =", barrier.n_waiting, "broken =", barrier.broken)
    print("main done")


asyncio.run(main())
