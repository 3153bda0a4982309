# SEMANTICS.md §6 (shield): cancelling the task awaiting shield(inner) raises CancelledError there,
# but the inner task is not cancelled and runs to completion.
import asyncio


async def inner():
    print("inner started")
    await asyncio.sleep(0.1)
    print("inner finished")
    return "inner result"


async def outer(inner_task):
    try:
        r = await asyncio.shield(inner_task)
        print("outer got", r)
    except asyncio.CancelledError:
        print("outer cancelled, inner done =", inner_task.done())
        raise


async def main():
    it = asyncio.create_task(inner())
    ot = asyncio.create_task(outer(it))
    await asyncio.sleep(0)
    print("main cancels outer:", ot.cancel())
    try:
        await ot
    except asyncio.CancelledError:
        print("main: outer cancelled =", ot.cancelled())
    print("main awaits inner:", await it)
    print("inner cancelled =", it.cancelled())
    print("main done")


asyncio.run(main())
