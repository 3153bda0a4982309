# SEMANTICS.md §11: put_nowait raises QueueFull on a full queue, get_nowait raises QueueEmpty on an
# empty one; maxsize <= 0 means unbounded (full() always False).
import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    q.put_nowait(1)
    q.put_nowait(2)
    print("qsize =", q.qsize(), "full =", q.full())
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print("put_nowait(3): QueueFull")
    print("get_nowait ->", q.get_nowait())
    print("get_nowait ->", q.get_nowait())
    print("qsize =", q.qsize(), "empty =", q.empty())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("get_nowait on empty: QueueEmpty")
    u = asyncio.Queue(maxsize=0)
    for i in range(100):
        u.put_nowait(i)
    print("unbounded queue: qsize =", u.qsize(), "full =", u.full())
    print("main done")


asyncio.run(main())
