# SEMANTICS.md §11: on a full bounded Queue, blocked putters are woken FIFO (by put() call
# order), one per item taken.
import asyncio


async def putter(q, name, pre_yields):
    for _ in range(pre_yields):
        await asyncio.sleep(0)
    print(f"{name} putting (full = {q.full()})")
    await q.put(name)
    print(f"{name} put done")


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait("first")
    tasks = [
        asyncio.create_task(putter(q, "P1", 2)),
        asyncio.create_task(putter(q, "P2", 0)),
        asyncio.create_task(putter(q, "P3", 1)),
    ]
    for _ in range(3):
        await asyncio.sleep(0)
    for _ in range(4):
        item = await q.get()
        print("main got", item)
        await asyncio.sleep(0)
    for t in tasks:
        await t
    print("main done, empty =", q.empty())


asyncio.run(main())
