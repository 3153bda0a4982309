# SEMANTICS.md §6 + §3 hop table: wait_for whose inner finishes in time returns its result, 2 hops
# after the inner's last step (vs 1 hop for a plain await), shown by a sleep(0) ticker.
import asyncio


async def fast(name):
    print(f"{name} step 1")
    await asyncio.sleep(0)
    print(f"{name} finished")
    return f"{name} result"


async def ticker():
    for i in range(6):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def main():
    tick = asyncio.create_task(ticker())
    result = await asyncio.wait_for(fast("F"), timeout=1.0)
    print("wait_for returned", result)
    await tick
    tick = asyncio.create_task(ticker())
    result = await asyncio.create_task(fast("G"))
    print("plain await returned", result)
    await tick
    print("main done")


asyncio.run(main())
