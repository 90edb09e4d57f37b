public enum _Placeholder {}
import GRDB
