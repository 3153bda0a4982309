import asyncio

async def waiter(event, name):
    print(f"Waiter {name} está esperando el evento...")
    await event.wait()
    print(f"Waiter {name} ha recibido el evento!")

async def setter(event):
    await asyncio.sleep(2)
    print("Configurando el evento.")
    event.set()

async def main():
    event = asyncio.Event()
    await asyncio.gather(
        waiter(event, "A"),
        waiter(event, "B"),
        setter(event)
    )

if __name__ == "__main__":
    asyncio.run(main())
