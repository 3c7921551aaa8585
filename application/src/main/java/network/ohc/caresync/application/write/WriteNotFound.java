package network.ohc.caresync.application.write;

/** No write with this id among the caller's writes (another user's write is reported the same way). */
public class WriteNotFound extends RuntimeException {

    public WriteNotFound(String writeId) {
        super("no write " + writeId + " among your writes");
    }
}
