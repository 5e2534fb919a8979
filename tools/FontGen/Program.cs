System.Console.Error.WriteLine("FontGen: not written yet");
return 1;
