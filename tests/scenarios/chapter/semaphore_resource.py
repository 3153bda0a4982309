import asyncio

sem = asyncio.Semaphore(2)

async def access_resource(name):
    async with sem:
        print(f"{name} ha accedido al recurso.")
        await asyncio.sleep(1)
        print(f"{name} ha liberado el recurso.")

async def main():
    await asyncio.gather(
        access_resource("Corrutina A"),
        access_resource("Corrutina B"),
        access_resource("Corrutina C"),
        access_resource("Corrutina D")
    )

if __name__ == "__main__":
    asyncio.run(main())
