# SEMANTICS.md §4 + §1: sleep(0) is a bare yield that re-queues the task at the tail
# of the FIFO ready queue, so three looping tasks run in strict round robin.
import asyncio


async def worker(name):
    for i in range(3):
        print(f"{name} step {i}")
        await asyncio.sleep(0)
    print(f"{name} done")


async def main():
    ta = asyncio.create_task(worker("A"))
    tb = asyncio.create_task(worker("B"))
    tc = asyncio.create_task(worker("C"))
    await ta
    await tb
    await tc
    print("main done")


asyncio.run(main())
