# SEMANTICS.md §4: sleep(delay) with delay <= 0 (also negative) is the same bare yield
# as sleep(0): no timer, the task just goes to the tail of the ready queue.
import asyncio


async def worker(name, delay):
    for i in range(3):
        print(f"{name} step {i}")
        await asyncio.sleep(delay)
    print(f"{name} done")


async def main():
    ta = asyncio.create_task(worker("A", 0))
    tb = asyncio.create_task(worker("B", -1))
    tc = asyncio.create_task(worker("C", -0.5))
    await ta
    await tb
    await tc
    print("main done")


asyncio.run(main())
