# SEMANTICS.md §11: join() waits until task_done() was called once per item; all joiners wake
# together in join() call order; an extra task_done() raises ValueError.
import asyncio


async def joiner(q, name, pre_yields):
    for _ in range(pre_yields):
        await asyncio.sleep(0)
    print(f"{name} joining")
    await q.join()
    print(f"{name} join returned")


async def worker(q):
    while True:
        item = await q.get()
        print(f"worker got {item}")
        await asyncio.sleep(0)
        print(f"worker task_done for {item}")
        q.task_done()
        if item == "c":
            return


async def main():
    q = asyncio.Queue()
    for item in ("a", "b", "c"):
        q.put_nowait(item)
    j1 = asyncio.create_task(joiner(q, "J1", 1))
    j2 = asyncio.create_task(joiner(q, "J2", 0))
    w = asyncio.create_task(worker(q))
    await j1
    await j2
    await w
    try:
        q.task_done()
    except ValueError as e:
        print("extra task_done: ValueError:", e)
    await q.join()
    print("join on finished queue returns at once")
    print("main done")


asyncio.run(main())
