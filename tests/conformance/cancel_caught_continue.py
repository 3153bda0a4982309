# SEMANTICS.md §14: a task that catches CancelledError keeps running and finishes normally;
# cancelling() counts requests until uncancel(); an awaited task that swallows cancellation returns its value.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("stubborn caught CancelledError, cancelling() =", asyncio.current_task().cancelling())
    await asyncio.sleep(0)
    print("stubborn continues after sleep(0)")
    task = asyncio.current_task()
    print("stubborn uncancel() ->", task.uncancel())
    print("stubborn cancelling() now", task.cancelling())
    return "stubborn result"


async def outer(inner_task):
    value = await inner_task
    print("outer's await returned", value)
    print("outer cancelling() =", asyncio.current_task().cancelling())
    return "outer result"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    print("main cancels stubborn:", t.cancel())
    print("main cancels stubborn again:", t.cancel())
    print("stubborn cancelling() =", t.cancelling())
    print("main got", await t, "/ cancelled() =", t.cancelled())
    inner = asyncio.create_task(stubborn())
    o = asyncio.create_task(outer(inner))
    await asyncio.sleep(0)
    print("main cancels outer (forwarded to inner):", o.cancel())
    print("main got", await o, "/ outer cancelled() =", o.cancelled())
    print("main done")


asyncio.run(main())
