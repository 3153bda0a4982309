# SEMANTICS.md §13: a Task copies the current context at create_task; later set() calls in the
# parent are invisible to it, and the task's own set() persists across its steps but never leaks out.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="default")


async def child(name):
    print(f"{name} first step sees {var.get()}")
    var.set(f"{name}-own")
    await asyncio.sleep(0)
    print(f"{name} second step sees {var.get()}")


async def gathered(name):
    print(f"{name} (gather child) sees {var.get()}")


async def main():
    print("main starts with", var.get())
    var.set("main-1")
    t1 = asyncio.create_task(child("t1"))
    var.set("main-2")
    t2 = asyncio.create_task(child("t2"))
    var.set("main-3")
    await t1
    await t2
    print("main after children sees", var.get())
    var.set("main-4")
    g = asyncio.gather(gathered("g1"))
    var.set("main-5")
    await g
    print("main finally sees", var.get())


asyncio.run(main())
