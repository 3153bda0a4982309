# SEMANTICS.md §14: a task cancelled before its first step never runs its body (not even its
# try/except/finally); awaiting it raises CancelledError.
import asyncio


async def body():
    try:
        print("body started")
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        print("body saw CancelledError")
        raise
    finally:
        print("body finally")


async def main():
    t = asyncio.create_task(body())
    print("cancel() returned", t.cancel())
    print("done right after cancel():", t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("main: await raised CancelledError")
    print("task cancelled():", t.cancelled())
    print("cancel() on done task returned", t.cancel())
    print("main done")


asyncio.run(main())
