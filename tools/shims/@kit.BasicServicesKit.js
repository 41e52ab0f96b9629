// Host stand-in for @kit.BasicServicesKit: its error and callback types have no run-time part.
export {};
