import asyncio

shared_resource = 0
lock = asyncio.Lock()

async def safe_modify(name):
    global shared_resource
    async with lock:
        print(f"{name} adquirió el lock.")
        temp = shared_resource
        await asyncio.sleep(0.1)
        shared_resource = temp + 1
        print(f"{name} actualizó el recurso a {shared_resource}")

async def main():
    await asyncio.gather(
        safe_modify("Corrutina A"),
        safe_modify("Corrutina B"),
        safe_modify("Corrutina C")
    )
    print(f"Valor final del recurso: {shared_resource}")

if __name__ == "__main__":
    asyncio.run(main())
