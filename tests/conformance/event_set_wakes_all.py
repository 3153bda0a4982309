# SEMANTICS.md §9: Event.set() wakes every waiter; they resume in wait() call order (not creation
# order), one hop later, after the setter's step; wait() on a set event does not suspend.
import asyncio


async def waiter(ev, name, pre_yields):
    for _ in range(pre_yields):
        await asyncio.sleep(0)
    print(f"{name} waiting")
    result = await ev.wait()
    print(f"{name} woke, wait() returned {result}")


async def main():
    ev = asyncio.Event()
    tasks = [
        asyncio.create_task(waiter(ev, "A", 2)),
        asyncio.create_task(waiter(ev, "B", 0)),
        asyncio.create_task(waiter(ev, "C", 1)),
    ]
    for _ in range(3):
        await asyncio.sleep(0)
    print("main setting event")
    ev.set()
    print("main after set, is_set =", ev.is_set())
    late = asyncio.create_task(waiter(ev, "Late", 0))
    for t in tasks:
        await t
    await late
    print("main done")


asyncio.run(main())
