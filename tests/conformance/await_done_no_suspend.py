# SEMANTICS.md §2 + §3: awaiting a finished task, a done future, gather() with no arguments or a
# non-suspending coroutine does not suspend: the ticker cannot run until a real sleep(0).
import asyncio


async def ticker():
    for i in range(3):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def quick():
    return "quick"


async def main():
    loop = asyncio.get_running_loop()
    done_task = asyncio.create_task(quick())
    await done_task
    fut = loop.create_future()
    fut.set_result("fut")
    tick = asyncio.create_task(ticker())
    print("main: await done task ->", await done_task)
    print("main: await done task again ->", await done_task)
    print("main: await done future ->", await fut)
    print("main: await gather() ->", await asyncio.gather())
    print("main: await coroutine ->", await quick())
    print("main: now sleep(0)")
    await asyncio.sleep(0)
    print("main resumed")
    await tick
    print("main done")


asyncio.run(main())
