using Nestor.Cli;

return NestorApp.Run(args);
