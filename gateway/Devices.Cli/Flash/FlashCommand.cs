using System.CommandLine;

namespace Devices.Cli.Flash;

/// <summary>`devices flash`: nanoFramework firmware, app image and device configuration onto a board, through nanoff.</summary>
public static class FlashCommand
{
    public static Command Create()
    {
        var board = new Option<string>("--board") { Description = "Board id (hardware/boards/{id}.json) or path to a board file.", Required = true };
        var port = new Option<string>("--port") { Description = "Serial port: COM5, /dev/ttyUSB0, /dev/cu.usbserial-0001.", Required = true };
        var image = new Option<string?>("--image") { Description = "The app's deployment image (.bin from the TableTent or ShelfLabel build)." };
        var config = new Option<string?>("--config") { Description = "Folder written by devices provision: its device.conf and board.conf go to I:\\, its Wi-Fi to the firmware." };
        var skipFirmware = new Option<bool>("--skip-firmware") { Description = "Do not flash the nanoFramework firmware (already current)." };
        var noApp = new Option<bool>("--no-app") { Description = "Do not deploy an app image." };
        var nanoff = new Option<string?>("--nanoff") { Description = "Path to nanoff, when it is not on PATH." };
        var command = new Command("flash", "Flash a board: nanoFramework firmware (nanoff --update), the app image, then the device configuration.")
        {
            board, port, image, config, skipFirmware, noApp, nanoff,
        };
        command.SetAction(parse => UserError.Guard(parse, output =>
        {
            Flasher.Run(new FlashRequest(parse.GetValue(board)!, parse.GetValue(port)!, parse.GetValue(image), parse.GetValue(config),
                parse.GetValue(skipFirmware), parse.GetValue(noApp), parse.GetValue(nanoff)), output);
            return 0;
        }));
        return command;
    }
}
