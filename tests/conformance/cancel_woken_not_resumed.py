# SEMANTICS.md §14: a task whose awaited future already has a result but which has not resumed
# yet still gets CancelledError at that await; the result is discarded.
import asyncio


async def consumer(fut):
    print("T awaiting future")
    try:
        value = await fut
        print("T got", value)
    except asyncio.CancelledError:
        print("T got CancelledError although future result is", fut.result())
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(consumer(fut))
    await asyncio.sleep(0)
    fut.set_result(42)
    print("main set result 42 (T woken, not yet resumed)")
    print("main cancels T, cancel() returned", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("main: T cancelled =", t.cancelled())
    print("main done")


asyncio.run(main())
