# SEMANTICS.md §10: wait_for(predicate) checks the predicate first, then re-checks it after
# every wakeup, returning the predicate's value once it is true.
import asyncio

state = {"count": 0}


def enough():
    ok = state["count"] >= 3
    print(f"predicate checked: count={state['count']} -> {ok}")
    return ok


async def consumer(cond):
    async with cond:
        result = await cond.wait_for(enough)
        print(f"consumer proceeds, wait_for returned {result}")


async def producer(cond):
    for _ in range(4):
        async with cond:
            state["count"] += 1
            print(f"producer count={state['count']}, notify_all")
            cond.notify_all()
        await asyncio.sleep(0)


async def main():
    cond = asyncio.Condition()
    tc = asyncio.create_task(consumer(cond))
    tp = asyncio.create_task(producer(cond))
    await tc
    await tp
    print("main done")


asyncio.run(main())
