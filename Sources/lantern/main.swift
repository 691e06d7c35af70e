import App

await LanternCommand.start()
