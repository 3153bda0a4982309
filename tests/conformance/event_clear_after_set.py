# SEMANTICS.md §9: clear() right after set() does not stop the already-woken waiters: they return
# True without re-checking and see is_set() == False; a waiter arriving after clear() blocks.
import asyncio


async def waiter(ev, name):
    print(f"{name} waiting")
    result = await ev.wait()
    print(f"{name} woke, wait() returned {result}, is_set = {ev.is_set()}")


async def main():
    ev = asyncio.Event()
    ta = asyncio.create_task(waiter(ev, "A"))
    tb = asyncio.create_task(waiter(ev, "B"))
    await asyncio.sleep(0)
    print("main set() then clear()")
    ev.set()
    ev.clear()
    tc = asyncio.create_task(waiter(ev, "C"))
    await ta
    await tb
    print("C still blocked:", not tc.done())
    print("main set() again")
    ev.set()
    await tc
    print("main done")


asyncio.run(main())
