# SEMANTICS.md §11: put wakes a getter but does not reserve the item; main takes it first
# with get_nowait(), the woken W1 finds the queue empty and re-parks at the TAIL (behind W2).
import asyncio


async def getter(q, name):
    print(f"{name} waiting for an item")
    item = await q.get()
    print(f"{name} got {item}")


async def main():
    q = asyncio.Queue()
    w1 = asyncio.create_task(getter(q, "W1"))
    w2 = asyncio.create_task(getter(q, "W2"))
    await asyncio.sleep(0)
    print("main put x1 (wakes W1)")
    q.put_nowait("x1")
    print("main stole", q.get_nowait())
    await asyncio.sleep(0)
    print("main put x2")
    q.put_nowait("x2")
    await asyncio.sleep(0)
    print("main put x3")
    q.put_nowait("x3")
    await w1
    await w2
    print("main done, qsize =", q.qsize())


asyncio.run(main())
