# SEMANTICS.md §11: LifoQueue returns the newest item first, PriorityQueue the smallest; a
# blocked getter is woken by put like a plain Queue getter.
import asyncio


async def getter(q, name):
    item = await q.get()
    print(f"{name} got {item}")


async def main():
    lq = asyncio.LifoQueue()
    for i in (1, 2, 3):
        lq.put_nowait(i)
    print("LifoQueue order:", [lq.get_nowait() for _ in range(3)])
    pq = asyncio.PriorityQueue()
    for item in ((3, "c"), (1, "a"), (2, "b")):
        pq.put_nowait(item)
    print("PriorityQueue order:", [pq.get_nowait() for _ in range(3)])
    t = asyncio.create_task(getter(lq, "LIFO getter"))
    await asyncio.sleep(0)
    print("main puts 10 then 20 into LifoQueue")
    lq.put_nowait(10)
    lq.put_nowait(20)
    await t
    print("left in LifoQueue:", lq.get_nowait())
    t2 = asyncio.create_task(getter(pq, "priority getter"))
    await asyncio.sleep(0)
    print("main puts (5, 'e') then (4, 'd') into PriorityQueue")
    pq.put_nowait((5, "e"))
    pq.put_nowait((4, "d"))
    await t2
    print("left in PriorityQueue:", pq.get_nowait())
    print("main done")


asyncio.run(main())
