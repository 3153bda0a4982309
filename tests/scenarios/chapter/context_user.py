import asyncio
import contextvars

user_var = contextvars.ContextVar('user')

async def set_user(name):
    token = user_var.set(name)
    await asyncio.sleep(0.1)
    current_user = user_var.get()
    print(f"Usuario actual: {current_user}")
    user_var.reset(token)

async def get_user():
    await asyncio.sleep(0.2)
    try:
        current_user = user_var.get()
    except LookupError:
        current_user = "Usuario desconocido"
    print(f"Usuario recuperado: {current_user}")

async def main():
    await asyncio.gather(
        set_user("Alice"),
        get_user()
    )

if __name__ == "__main__":
    asyncio.run(main())
