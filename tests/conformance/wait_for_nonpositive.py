# SEMANTICS.md §6 (wait_for, timeout <= 0): a not-yet-done awaitable is cancelled before its
# body runs -> TimeoutError; an already-done future/task returns its result at once.
import asyncio


async def body(name):
    print(f"{name} body runs")
    return f"{name} result"


async def main():
    loop = asyncio.get_running_loop()
    for timeout in (0, -1):
        try:
            r = await asyncio.wait_for(body(f"timeout={timeout}"), timeout=timeout)
            print("got", r)
        except asyncio.TimeoutError:
            print(f"timeout={timeout}: TimeoutError, body never ran")
    fut = loop.create_future()
    fut.set_result("done future result")
    print("done future:", await asyncio.wait_for(fut, timeout=0))
    t = asyncio.create_task(body("finished task"))
    await t
    print("done task:", await asyncio.wait_for(t, timeout=0))
    print("timeout=None:", await asyncio.wait_for(body("none"), timeout=None))
    print("main done")


asyncio.run(main())
