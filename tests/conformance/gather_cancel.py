# SEMANTICS.md §6: cancelling the gather future (_GatheringFuture.cancel) cancels every
# child; the awaiting task sees CancelledError.
import asyncio


async def child(name):
    print(f"{name} started")
    try:
        await asyncio.sleep(1)
        print(f"{name} finished")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def main():
    g = asyncio.gather(child("A"), child("B"), child("C"))
    await asyncio.sleep(0)
    print("main cancelling gather")
    print("cancel() returned", g.cancel())
    try:
        await g
        print("main: gather returned")
    except asyncio.CancelledError:
        print("main saw CancelledError")
    print("gather done:", g.done())
    print("gather cancelled():", g.cancelled())
    print("main done")


asyncio.run(main())
