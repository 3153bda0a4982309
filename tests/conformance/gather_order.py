# SEMANTICS.md §6 (gather): children start in argument order (after the caller
# suspends) and the result list is in argument order, not completion order.
import asyncio


async def child(name, delay):
    print(f"{name} started")
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return name.lower()


async def main():
    print("main calling gather")
    results = await asyncio.gather(child("A", 0.3), child("B", 0.1), child("C", 0.2))
    print("results:", results)


asyncio.run(main())
