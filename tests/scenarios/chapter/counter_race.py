import asyncio

counter = 0

async def increment():
    global counter
    temp = counter
    await asyncio.sleep(0.1)
    counter = temp + 1

async def main():
    await asyncio.gather(increment(), increment(), increment())
    print(f"Valor final del contador: {counter}")

if __name__ == "__main__":
    asyncio.run(main())
