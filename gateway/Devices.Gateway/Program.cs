namespace Devices.Gateway;

public static class Program
{
    public static int Main(string[] args)
    {
        System.Console.Error.WriteLine("Devices.Gateway: not built yet (issue 4).");
        return 1;
    }
}
