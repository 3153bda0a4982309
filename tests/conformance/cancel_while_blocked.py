# SEMANTICS.md §14: cancelling a task blocked on an await cancels the awaited future; the task
# gets CancelledError at that await one hop later (its cleanup runs), and ends cancelled.
import asyncio


async def blocked(ev):
    print("T waiting on event")
    try:
        await ev.wait()
        print("T event set")
    except asyncio.CancelledError:
        print("T got CancelledError at await")
        raise
    finally:
        print("T cleanup")


async def ticker():
    for i in range(3):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(blocked(ev))
    await asyncio.sleep(0)
    tick = asyncio.create_task(ticker())
    print("main cancels T, cancel() returned", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("main: T cancelled =", t.cancelled())
    await tick
    print("main done")


asyncio.run(main())
