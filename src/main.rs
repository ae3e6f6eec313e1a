fn main() {
    println!("datacharter");
}
