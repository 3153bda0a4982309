# SEMANTICS.md §3: create_task only queues the first step (call_soon); a new task
# never runs before its creator suspends, and first steps run in creation order.
import asyncio


async def child(name):
    print(f"{name} first step")
    await asyncio.sleep(0)
    print(f"{name} second step")


async def main():
    t1 = asyncio.create_task(child("T1"))
    print("main created T1")
    t2 = asyncio.create_task(child("T2"))
    print("main created T2")
    print("main still running, T1 done:", t1.done())
    await asyncio.sleep(0)
    print("main resumed after sleep(0)")
    await t1
    await t2
    print("main done")


asyncio.run(main())
