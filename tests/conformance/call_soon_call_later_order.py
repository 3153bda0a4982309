# SEMANTICS.md §1 + §5: call_soon callbacks and task steps share one FIFO ready queue; call_later
# callbacks run when their timer is collected; a callback's own call_soon waits for the next iteration.
import asyncio


def cb(label):
    print(label)


def chaining_cb(loop):
    print("soon A (queues soon A2)")
    loop.call_soon(cb, "soon A2")


async def task_body():
    print("T step 1")
    await asyncio.sleep(0)
    print("T step 2")
    await asyncio.sleep(0.1)
    print("T step 3 after sleep(0.1)")


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(task_body())
    loop.call_soon(chaining_cb, loop)
    loop.call_later(0.1, cb, "later 0.1")
    loop.call_later(0.05, cb, "later 0.05")
    loop.call_soon(cb, "soon B")
    print("main scheduled everything")
    await t
    print("main done")


asyncio.run(main())
