int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*cb)(const unsigned char *, unsigned long));
