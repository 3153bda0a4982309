import asyncio

counter = 0
lock = asyncio.Lock()

async def safe_increment():
    global counter
    async with lock:
        temp = counter
        await asyncio.sleep(0.1)
        counter = temp + 1

async def main():
    await asyncio.gather(safe_increment(), safe_increment(), safe_increment())
    print(f"Valor final del contador: {counter}")

if __name__ == "__main__":
    asyncio.run(main())
