/**
 * A small bundled list of the most common passwords of 8+ characters (shorter ones already fail
 * the length rule), from the public top-lists of English-language and Chinese leaks, plus a few
 * that fit this site. RELIABILITY R12 asks for breached-password rejection; an online lookup
 * would send (a prefix of) the hash to a third party and fail in an offline zone network, so we
 * keep a local list and a pattern rule for repeats and keyboard/number runs.
 */
const LIST = `
password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword pa55word pa$$w0rd
12345678 123456789 1234567890 0123456789 01234567 87654321 987654321 9876543210 0987654321
11111111 111111111 1111111111 00000000 000000000 0000000000 22222222 33333333 44444444 55555555
66666666 77777777 88888888 99999999 666666666 888888888 12121212 11223344 12344321 12341234
123123123 123321123 147258369 147852369 123654789 789456123 159357456 741852963 963852741
11112222 12345678910 1234512345 123456123 123456654321 1234567a 1234567q 12345qwert 1234qwer
123456a 123456aa 123456ab 123456abc 123456789a 123456789q 12345678a a12345678 a123456789
a1234567 aa123456 abc123456 abc12345 abcd1234 abcd12345 abcdefgh abcdefg1 aaaaaaaa aaaa1111
qwertyui qwertyuiop qwerty12 qwerty123 qwerty1234 qwe12345 qweasdzxc qazwsxedc qazwsx123
1qaz2wsx 1qaz2wsx3edc 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y zaq12wsx zxcvbnm1 zxcvbnm123 asdfghjkl
asdf1234 asdfasdf asdasdasd asd12345 qweqweqwe q1w2e3r4 q1w2e3r4t5 zxcv1234 poiuytrewq
iloveyou iloveyou1 iloveyou2 loveyou1 sunshine sunshine1 princess princess1 football football1
baseball basketball superman batman123 starwars trustno1 welcome1 welcome123 whatever
letmein1 letmein123 monkey123 dragon123 master123 shadow123 michael1 jennifer jordan23
computer internet samsung1 charlie1 freedom1 liverpool chelsea1 arsenal1 pokemon1 minecraft
changeme changeme1 default1 secret123 qwerty1! 1qaz@wsx 1qaz!qaz !qaz2wsx p@55w0rd
admin123 admin1234 admin12345 admin888 admin@123 administrator root1234 root@123 toor1234
test1234 test12345 testtest guest123 user1234 demo1234 temp1234 login123 system123
woaini1314 woaini520 woaini123 woaini1234 5201314520 1314520520 520520520 5845201314 52013145
13145200 5201314a 1314woaini iloveyou520 woshishui wangyang1 zhangwei1 liuyang1 wangjing
qq123456 qq5201314 qq111111 qwe123456 aini1314 a5201314 z123456789 w123456789 q123456789
xiaoming zhongguo zhongguo1 beijing1 shanghai tianjin1 tianjin123 tianjin2024 tianjinteda
teda1234 teda123456 teda2024 teda2025 renewmatch renewmatch1 renewmatch123 huanxin123
dearbook xiazhili 31415926 3.1415926 1234abcd abcd123456 asdf123456 1a2b3c4d a1b2c3d4
a1b2c3d4e5 1a2s3d4f aaa11111 111111aa 11111111a 123456qq 123456as 123456zx 123456qwe
88888888a 66668888 168168168 518518518 8888888888 1234554321 12348765 13579246 24682468
`

const COMMON = new Set(
	LIST.split(/\s+/)
		.map((s) => s.trim())
		.filter((s) => s.length > 0),
)

const ROWS = ['0123456789', '9876543210', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm']

/** True for a listed password, a single repeated character, or a plain run such as 23456789 or qwertyui. */
export function isCommonPassword(password: string): boolean {
	const p = password.normalize('NFC').toLowerCase()
	if (COMMON.has(p)) return true
	const chars = [...p]
	if (chars.every((c) => c === chars[0])) return true
	// two alternating characters (abababab, 12121212)
	if (chars.length >= 8 && chars.every((c, i) => c === chars[i % 2])) return true
	return ROWS.some((row) => row.includes(p) || (p.length <= 2 * row.length && (row + row).includes(p)))
}

export function commonPasswordCount(): number {
	return COMMON.size
}
