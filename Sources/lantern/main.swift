import App

LanternCommand.prepareProcess()
await LanternCommand.start()
