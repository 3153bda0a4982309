# SEMANTICS.md §3 hop table + §6: `await task` resumes 1 hop after the task's last step,
# `await gather(task)` resumes 2 hops after it (_done_callback, then __wakeup).
import asyncio


async def work():
    print("work step 1")
    await asyncio.sleep(0)
    print("work finished")
    return 1


async def ticker():
    for i in range(6):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def direct(t):
    await t
    print("direct await resumed")


async def via_gather(t):
    await asyncio.gather(t)
    print("gather await resumed")


async def main():
    tick = asyncio.create_task(ticker())
    t = asyncio.create_task(work())
    d = asyncio.create_task(direct(t))
    g = asyncio.create_task(via_gather(t))
    await d
    await g
    await tick
    print("main done")


asyncio.run(main())
