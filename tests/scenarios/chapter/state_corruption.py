import asyncio

state = {"value": 0}

async def modify_state():
    state["value"] += 1
    await asyncio.sleep(0.1)
    state["value"] *= 2

async def main():
    await asyncio.gather(modify_state(), modify_state())
    print(f"Estado final: {state}")

if __name__ == "__main__":
    asyncio.run(main())
